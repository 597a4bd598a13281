#pragma once
#include <QString>
#include <QStringList>

// Validates one distributed file with the parser that owns its kind, before it may replace the
// file in service (design.md §5). The kind is the first folder of its path in the manifest:
//   roster/         Roster (CSV or JSON)
//   quiz/           QuizBankReader
//   videos/         videos.json by VideoManifest (every file it names must be in the set);
//                   the video, subtitle and poster files themselves only by sha256 and size
//   events/         EventCatalog (*.json)
//   organisations/  OrganisationDirectory (*.json)
//   trusted-kiosks/ <centre>/<kiosk>.pub only, each a 32-byte Ed25519 public key (base64): the
//                   kiosks whose attendance receipts the office vouches for (issue 12)
//   announcements/  announcements.json by Announcements (every picture it names must be in
//                   the set); the pictures themselves only by sha256 and size
//   revoked/        RevocationList (*.json)
//   cards/          MemberCardCodes (*.json): signed codes for the kiosk to print cards from
class ContentValidator
{
public:
    static QStringList folders(); // the known top folders; anything else is refused

    // `stagedRoot` holds the complete new set; `relativePath` is the file to check. Returns the
    // problems (Chinese, naming the file); empty when the file may be used.
    static QStringList validate(const QString &stagedRoot, const QString &relativePath);

private:
    // Files the kiosk does not read itself (notes, pictures' sidecars): a distributed .json file
    // must at least parse as JSON, so a broken file never replaces a good one.
    static QStringList validateWithoutOwnParser(const QString &path, const QString &relativePath);
};
