#pragma once
#include <QObject>
#include <memory>

#include "checkinservice.h"
#include "kioskconfig.h"

class Clock;
class Database;
class MemberCodeVerifier;

// Lives on CheckinController's worker thread: owns that thread's database connection, the
// member-code verifier and the CheckinService. Only ever called through queued invocations.
class CheckinWorker : public QObject
{
    Q_OBJECT
public:
    CheckinWorker(KioskConfig config, const Clock &clock);
    ~CheckinWorker() override;

    // Opens the database and loads the trusted issuers; false with a message on failure.
    bool start(QString *error);
    CheckinService *service() { return m_service.get(); }

private:
    KioskConfig m_config;
    const Clock &m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MemberCodeVerifier> m_verifier;
    std::unique_ptr<CheckinService> m_service;
};
