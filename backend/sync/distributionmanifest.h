#pragma once
#include <QByteArray>
#include <QList>
#include <QString>

// `distribution/manifest.json` (design.md §5), written and signed by `dangqun-admin publish`:
//   {"format":1, "version":N, "issuer":"<iss>", "created_utc":"...",
//    "files":[{"path":"quiz/bank.json", "sha256":"<hex>", "size":123}, ...]}
// `manifest.json.sig` holds the standard base64 of the 64-byte Ed25519 signature over the exact
// bytes of manifest.json, made with the issuer's secret key.
struct DistributionFile
{
    QString path; // relative to distribution/, '/'-separated, inside a known folder
    QByteArray sha256; // lower-case hex
    qint64 size = 0;
};

struct DistributionManifest
{
    static constexpr int Format = 1;

    int format = Format;
    qint64 version = 0;
    QString issuer;
    QString createdUtc;
    QList<DistributionFile> files;

    QByteArray toJson() const;
    // Sets `error` (Chinese) and returns false on anything malformed, a newer format, or a file
    // path that could leave the content folder or is not in a known folder.
    static bool parse(const QByteArray &json, DistributionManifest *out, QString *error);
    static bool isSafePath(const QString &path);
};
