#include "receiptcontroller.h"
#include "clock.h"
#include "logging.h"
#include "masking.h"
#include "membersession.h"
#include "storagethread.h"

#include <QLocale>
#include <QTimeZone>

namespace {

QString hours(double h)
{
    QString s = QString::number(h, 'f', 2);
    while (s.endsWith(u'0'))
        s.chop(1);
    if (s.endsWith(u'.'))
        s.chop(1);
    return s;
}

} // namespace

ReceiptController::ReceiptController(const Clock &clock, StorageThread &storage, MemberSession *session,
                                     ReceiptSettings settings, std::optional<KioskKey> key, QString keyError,
                                     QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_storage(storage)
    , m_session(session)
    , m_settings(std::move(settings))
    , m_key(std::move(key))
    , m_keyError(std::move(keyError))
{
    // Nothing of one member's receipt may stay for the next.
    if (m_session)
        connect(m_session, &MemberSession::ended, this, &ReceiptController::clear);
}

void ReceiptController::requestAttendance()
{
    request(Receipt::Kind::Attendance);
}

void ReceiptController::requestAnnual()
{
    request(Receipt::Kind::Annual);
}

void ReceiptController::clear()
{
    ++m_generation;
    m_busy = false;
    m_shown = false;
    m_text.clear();
    m_title.clear();
    m_lines.clear();
    m_error.clear();
    emit changed();
}

void ReceiptController::request(Receipt::Kind kind)
{
    if (m_busy)
        return;
    clear();
    m_shown = true;
    m_title = kind == Receipt::Kind::Annual ? QStringLiteral("%1 年度汇总回执").arg(m_clock.localDate().year())
                                            : QStringLiteral("签到回执");
    if (!m_key) {
        m_error = QStringLiteral("本终端暂时无法生成回执，请联系工作人员");
        qCWarning(lcUi).noquote() << "receipt requested, but the kiosk has no key:" << m_keyError;
        emit changed();
        return;
    }
    if (!m_session || !m_session->active()) {
        m_error = QStringLiteral("请先扫码签到，再生成回执");
        emit changed();
        return;
    }
    m_busy = true;
    emit changed();
    const int generation = m_generation;
    m_storage.call<Outcome>(
            this,
            [kind, issuer = m_session->issuer(), memberId = m_session->memberId(), settings = m_settings,
             key = *m_key, &clock = m_clock](Database *db) {
                Outcome o;
                if (!db) {
                    o.error = QStringLiteral("暂时无法读取签到记录，请联系工作人员");
                    return o;
                }
                const ReceiptService service(*db, clock, settings);
                o.receipt = kind == Receipt::Kind::Annual ? service.annual(issuer, memberId, &o.error)
                                                          : service.attendance(issuer, memberId, {}, &o.error);
                if (o.receipt)
                    o.text = key.sign(*o.receipt, &o.error);
                return o;
            },
            [this, generation, kind](const Outcome &o) {
                if (generation == m_generation)
                    deliver(kind, o);
            });
}

void ReceiptController::deliver(Receipt::Kind kind, const Outcome &o)
{
    m_busy = false;
    if (o.text.isEmpty()) {
        m_error = o.error.isEmpty() ? QStringLiteral("无法生成回执，请联系工作人员") : o.error;
        qCInfo(lcUi).noquote() << "receipt not made:" << m_error;
    } else {
        m_text = o.text;
        m_lines = screenLines(*o.receipt);
        qCInfo(lcUi).noquote() << (kind == Receipt::Kind::Annual ? "annual" : "attendance") << "receipt shown,"
                               << m_text.size() << "bytes";
    }
    emit changed();
}

QStringList ReceiptController::screenLines(const Receipt &r)
{
    const auto local = [](const QDateTime &utc) {
        return utc.toTimeZone(QTimeZone::systemTimeZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    QStringList lines{Masking::greeting(r.name), r.centreName};
    if (r.kind == Receipt::Kind::Attendance) {
        lines << QStringLiteral("签到时间 %1").arg(local(r.time));
        if (!r.eventTitle.isEmpty())
            lines << QStringLiteral("活动：%1").arg(r.eventTitle);
        if (r.hours)
            lines << QStringLiteral("当日学时：%1").arg(hours(*r.hours));
        return lines;
    }
    int events = 0;
    for (const auto &entry : r.eventsByKind)
        events += entry.second;
    lines << QStringLiteral("签到 %1 天 · 参加活动 %2 次").arg(r.checkinDays).arg(events);
    lines << QStringLiteral("视频学习 %1 个 · %2 学时").arg(r.videosWatched).arg(hours(r.videoHours));
    lines << QStringLiteral("截至 %1").arg(local(r.time));
    return lines;
}
