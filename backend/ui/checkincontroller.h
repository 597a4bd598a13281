#pragma once
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>

#include "checkinservice.h"
#include "kioskconfig.h"

class Clock;
class CheckinWorker;
class MemberSession;
class StorageThread;

// The scan page's view of check-in. Verification and the database commit run on the storage
// thread, so the GUI never waits on a disk flush; results come back as properties the result
// screen binds to (texts already in Chinese, names already masked).
class CheckinController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CheckinController is created by the application")

    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    // What the last scan or manual check-in came to, typed (the result screen's colour and
    // buttons follow it); None while nothing is shown.
    Q_PROPERTY(Outcome outcome READ outcome NOTIFY resultChanged)
    Q_PROPERTY(QVariantList matches READ matches NOTIFY matchesChanged)
    Q_PROPERTY(QStringList rosterProblems READ rosterProblems NOTIFY contentProblems)

public:
    enum class Outcome {
        None,             // nothing to show
        CheckedIn,        // 签到成功
        AlreadyCheckedIn, // 今天已签到 (the first time of the day is in result.timeText)
        Refused,          // a code that is not valid: expired, revoked, forged, unreadable
        NotMemberCode,    // some other QR code
        NeedsReport,      // a 流动党员's first visit: the 报到 form, pre-filled from the code
        UnverifiedIssuer, // a well-formed code of an issuer this kiosk has no key for
        Failed            // the kiosk could not record (database)
    };
    Q_ENUM(Outcome)

    // `session` (may be null) is started for the member on every successful identification.
    CheckinController(const KioskConfig &config, const Clock &clock, StorageThread &storage,
                      MemberSession *session, QObject *parent = nullptr);
    ~CheckinController() override;

    bool busy() const { return m_busy; }
    bool ready() const { return m_ready; }
    QVariantMap result() const { return m_result; }
    Outcome outcome() const { return m_outcome; }
    QVariantList matches() const { return m_matches; }

    // A decoded QR text: verified and recorded on the worker; `result` changes when committed.
    Q_INVOKABLE void submitCode(const QString &text);
    // Manual fallback: members with this phone number (masked) appear in `matches`.
    Q_INVOKABLE void lookupPhone(const QString &phone);
    // The member confirmed their masked name: check them in with method "manual".
    Q_INVOKABLE void confirmManual(int index);
    // Forget what the last member saw.
    Q_INVOKABLE void clear();
    // After a scan that needs 流动党员报到: issuer, memberId, name, organisation from the code
    // (full name: the member fills in their own form), then forgotten. `unverified` is true
    // when the code's issuer is not trusted here: the form says the values are not checked.
    Q_INVOKABLE QVariantMap takeReportPrefill();

    // Reads the distributed roster and revocation list (at start, and when SyncService puts a
    // new distribution in service): on the storage thread, before any later scan is decided.
    void reloadContent();
    // What the last reload refused (roster rows, revocation list), for the staff screen.
    QStringList rosterProblems() const { return m_rosterProblems; }

    // Presentation of a result as the QML result card shows it (public for tests).
    static QVariantMap present(const CheckinResult &r);
    // The typed outcome of a result (UnverifiedIssuer for a refusal whose issuer is unknown).
    static Outcome outcomeOf(const CheckinResult &r);

signals:
    void busyChanged();
    void readyChanged();
    void resultChanged();
    void matchesChanged();
    void finished(const QVariantMap &result);
    void startupFailed(const QString &message);
    void contentProblems(const QStringList &problems); // for the staff screen; also logged

private:
    void setBusy(bool busy);
    void deliver(const CheckinResult &r);

    StorageThread &m_storage;
    std::shared_ptr<CheckinWorker> m_worker; // used only inside work posted to m_storage
    QStringList m_rosterProblems;
    bool m_busy = false;
    bool m_ready = true;
    QVariantMap m_result;
    Outcome m_outcome = Outcome::None;
    QVariantList m_matches;
    QList<MemberMatch> m_matchData;
    MemberSession *m_session = nullptr;
    QVariantMap m_reportPrefill;
};
