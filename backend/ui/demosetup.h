#pragma once
#include <QString>

// Lays out a self-contained demo installation in one folder, so `dangqun-kiosk --demo` runs on
// a machine with no configuration, no share and no content:
//   <dir>/kiosk.ini, data/ (database), share/ (a local folder with the share marker),
//   media/, content/, trusted-issuers/ (copied from the sample content), and a demo issuing
//   office: issuer-keys/ (its key pair, trusted by the kiosk) and member-codes/ (a PNG member code
//   for every member of the sample roster, to show to the camera or to play as --camera-file).
// Existing files are kept, so a demo's database and settings survive restarts.
class DemoSetup
{
public:
    DemoSetup(QString dir, QString samplesDir);

    bool prepare();
    QString configPath() const;
    QString rosterPath() const;
    QString memberCodesDir() const;
    static QString issuerId() { return QStringLiteral("demo-street"); }
    QString errorString() const { return m_error; }

private:
    bool writeFileIfMissing(const QString &relative, const QByteArray &content);
    bool copyTreeIfMissing(const QString &from, const QString &to);
    bool copyFileIfMissing(const QString &from, const QString &to);
    bool issueDemoCodes();

    QString m_dir;
    QString m_samplesDir;
    QString m_error;
};
