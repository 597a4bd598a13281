#pragma once
#include <QObject>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>

#include "kioskconfig.h"
#include "organisationdirectory.h"

class Clock;
class MemberSession;
class StorageThread;
struct ReportWorker;

// The 流动党员报到 page's view (issue 4): the home-organisation list searched by pinyin
// initials, form validation with Chinese messages next to each field, and the submission,
// which registers, reports and checks the member in on the storage thread.
class ReportController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ReportController is created by the application")

    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QStringList organisations READ organisations NOTIFY organisationsChanged)
    Q_PROPERTY(QVariantMap prefill READ prefill NOTIFY prefillChanged)
    Q_PROPERTY(QVariantMap errors READ errors NOTIFY errorsChanged)
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString consentText READ consentText CONSTANT)

public:
    ReportController(const KioskConfig &config, const Clock &clock, StorageThread &storage, MemberSession *session,
                     QObject *parent = nullptr);
    ~ReportController() override;

    bool busy() const { return m_busy; }
    QStringList organisations() const { return m_organisations; }
    QVariantMap prefill() const { return m_prefill; }
    QVariantMap errors() const { return m_errors; }
    QVariantMap result() const { return m_result; }
    static QString consentText();

    // A new form: empty, or pre-filled from a scanned code (issuer, memberId, name, organisation).
    Q_INVOKABLE void begin(const QVariantMap &prefill = {});
    Q_INVOKABLE void searchOrganisations(const QString &query);
    // Fields: name, phone, organisation, certificate, currentPlace, consent (bool).
    Q_INVOKABLE void submit(const QVariantMap &form);

    // For tests and the composition root: the list is otherwise loaded from the content folder.
    void setDirectory(const OrganisationDirectory &directory);

signals:
    void busyChanged();
    void organisationsChanged();
    void prefillChanged();
    void errorsChanged();
    void resultChanged();
    void finished(const QVariantMap &result);

private:
    StorageThread &m_storage;
    std::shared_ptr<ReportWorker> m_worker; // used only inside work posted to m_storage
    MemberSession *m_session = nullptr;
    OrganisationDirectory m_directory;
    QString m_query;
    bool m_busy = false;
    QStringList m_organisations;
    QVariantMap m_prefill;
    QVariantMap m_errors;
    QVariantMap m_result;
};
