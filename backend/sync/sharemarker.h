#pragma once
#include <QString>

class FileLayer;

// Is the share really there? (design.md §5) An unmounted mount point is an empty local folder:
// writing to it would fill the kiosk's own disk and the records would never reach the office.
// So the share counts as online only when `<share>/.dangqun-share` exists, is the JSON
// {"share_id": "...", "format": 1} and names the share id this kiosk is configured for.
struct ShareState
{
    enum class State { Online, NotConfigured, Absent, NoMarker, BadMarker, OtherShare, NewerFormat };

    State state = State::NotConfigured;
    QString reason; // Chinese, for the staff screen and the heartbeat; empty when online

    bool online() const { return state == State::Online; }
    static QString stateName(State s); // "online", "absent", ... for logs and the heartbeat
};

class ShareMarker
{
public:
    static constexpr int Format = 1;
    static QString fileName() { return QStringLiteral(".dangqun-share"); }

    static ShareState check(FileLayer &files, const QString &shareRoot, const QString &shareId);
    // The marker's content, for the office (and tests) preparing a share.
    static QByteArray content(const QString &shareId);
};
