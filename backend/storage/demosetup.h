#pragma once
#include <QString>

// Lays out a self-contained demo installation in one folder, so `dangqun-kiosk --demo` runs on
// a machine with no configuration, no share and no content:
//   <dir>/kiosk.ini, data/ (database), share/ (a local folder with the share marker),
//   media/, content/, trusted-issuers/ (copied from the sample content).
// Existing files are kept, so a demo's database and settings survive restarts.
class DemoSetup
{
public:
    DemoSetup(QString dir, QString samplesDir);

    bool prepare();
    QString configPath() const;
    QString errorString() const { return m_error; }

private:
    bool writeFileIfMissing(const QString &relative, const QByteArray &content);
    bool copyTreeIfMissing(const QString &from, const QString &to);

    QString m_dir;
    QString m_samplesDir;
    QString m_error;
};
