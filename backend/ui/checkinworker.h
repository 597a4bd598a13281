#pragma once
#include <memory>

#include "checkinservice.h"
#include "kioskconfig.h"

class Clock;
class Database;
class MemberCodeVerifier;

// CheckinController's state on the storage thread: the member-code verifier (with the trusted
// issuers loaded once) and the CheckinService bound to that thread's database. Only ever used
// inside work posted to the StorageThread.
class CheckinWorker
{
public:
    CheckinWorker(KioskConfig config, const Clock &clock);
    ~CheckinWorker();

    // The service on `db`, created on first use.
    CheckinService &service(Database &db);

    // A scanned code checked in (CheckinService::checkInCode). A code refused only because its
    // issuer is unknown here still carries the issuer, member id, name and organisation it states,
    // so the screen can offer 流动党员报到 with them (marked as not verified here).
    CheckinResult checkInCode(Database &db, const QString &text);

    // Applies content/revoked/ to the verifier and imports content/roster/ when it changed.
    // Returns the problems (Chinese); on a problem the previous list stays in force.
    QStringList refreshContent(Database &db);

private:
    KioskConfig m_config;
    const Clock &m_clock;
    std::unique_ptr<MemberCodeVerifier> m_verifier;
    std::unique_ptr<CheckinService> m_service;
};
