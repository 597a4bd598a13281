#include "kiosk.h"
#include "clock.h"
#include "logging.h"

#include <QLocale>

Kiosk::Kiosk(const KioskConfig &config, const Clock &clock, bool demo, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_demo(demo)
    , m_idleTimeoutMs(config.idleTimeoutSeconds * 1000)
{
    // The header shows minutes; a tick every second keeps it at most a second late.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &Kiosk::clockTick);
    m_tick.start();
}

QString Kiosk::version() const
{
    return QStringLiteral(KIOSK_VERSION);
}

QString Kiosk::dateText() const
{
    // Always Chinese, whatever the machine's locale: 2026年11月27日 星期五
    static const QLocale zh(QLocale::Chinese, QLocale::China);
    return zh.toString(m_clock.now().date(), QStringLiteral("yyyy年M月d日 dddd"));
}

QString Kiosk::timeText() const
{
    return m_clock.now().toString(QStringLiteral("HH:mm"));
}

void Kiosk::setServices(CheckinController *checkin, ScanSource *scanSource, MemberSession *session)
{
    m_session = session;
    m_checkin = checkin;
    m_scanSource = scanSource;
    if (m_session)
        connect(m_session, &MemberSession::ended, this, [this](bool handedOver) {
            if (!handedOver)
                setLargeType(false);
        });
}

void Kiosk::setLargeType(bool on)
{
    if (m_largeType == on)
        return;
    m_largeType = on;
    qCInfo(lcUi) << "large type" << (on ? "on" : "off");
    emit largeTypeChanged();
}

void Kiosk::endVisit()
{
    if (m_session)
        m_session->end();
    setLargeType(false); // also when nobody had checked in
}

void Kiosk::requestExit()
{
    qCInfo(lcUi) << "exit requested from the staff screen";
    m_exitRequested = true;
    emit exitApproved();
}

void Kiosk::setSounds(const QUrl &ok, const QUrl &fail)
{
    m_okSound = ok;
    m_failSound = fail;
}
