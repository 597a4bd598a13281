#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QString>

// The demo's events.json, dated relative to "now" so a demo always has sessions today, this week
// and later (the sample in kiosk-config/samples/content/events/events.json has fixed dates and
// shows the format). Written only into a demo installation's content folder.
class DemoEvents
{
public:
    static QByteArray json(const QDateTime &now);
    static bool write(const QString &contentDir, const QDateTime &now, QString *error);
};
