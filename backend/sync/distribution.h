#pragma once
#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <atomic>

#include "distributionmanifest.h"

struct DistributionResult
{
    enum class Outcome {
        Unchanged, // nothing new (or no distribution on the share)
        Applied,   // a new set is in service
        Rejected,  // the new set is bad (signature, checksum, parser...): the old one stays
        Failed,    // the share failed mid-way (I/O): the old one stays, retried next time
    };
    Outcome outcome = Outcome::Unchanged;
    qint64 version = 0; // the manifest version concerned
    QString error;      // Chinese, for the log, heartbeat and staff screen
};

// Signed content in (design.md §5). When `<share>/distribution/manifest.json` changes and its
// signature verifies with a key of an allowed issuer, each listed file is copied in chunks to a
// staging folder next to the content folder (same file system), checked against its size and
// sha256, validated by its owning parser (ContentValidator), and only then is the whole set
// swapped in with one renameat2(RENAME_EXCHANGE) of the two folders. Any failure leaves the
// content folder exactly as it was.
//
// Only issuers listed in `allowedIssuers` may sign content: the other trusted issuers (other
// districts) are trusted for their members' codes, not to change this centre's rosters.
class Distribution
{
public:
    Distribution(QString shareRoot, QString contentDir, QString trustedIssuersDir, QStringList allowedIssuers);

    // Runs on the sync worker thread; `cancel` is checked between chunks (shutdown).
    DistributionResult update(const std::atomic_bool *cancel = nullptr);

    // The version of the set in service (0 = none yet), read from `<content>/.manifest.json`.
    qint64 appliedVersion() const;

    static QString manifestPath(const QString &shareRoot);
    static bool verify(const QByteArray &message, const QByteArray &signatureBase64, const QByteArray &publicKey);
    static constexpr qint64 ChunkBytes = 1024 * 1024;

private:
    DistributionResult reject(qint64 version, const QString &why);
    bool stageFile(const DistributionFile &file, const QString &staging, const DistributionManifest &applied,
                   const std::atomic_bool *cancel, QString *error, bool *contentError);
    bool swapIn(const QString &staging, QString *error);
    QByteArray publicKeyOf(const QString &issuer) const;

    QString m_shareRoot;
    QString m_contentDir;
    QString m_trustedIssuersDir;
    QStringList m_allowedIssuers;
    // A manifest refused for its content is not re-fetched until its bytes change: a bad set
    // would otherwise copy every video again on every sync.
    QByteArray m_rejectedManifestHash;
    DistributionResult m_rejected;
};
