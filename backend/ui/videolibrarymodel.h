#pragma once
#include <QAbstractListModel>
#include <QHash>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <optional>

#include "videomanifest.h"
#include "videostore.h"

class MemberSession;
class StorageThread;

// The 廉政教育 library as QML shows it: every usable video of videos.json with its poster,
// length and 学时, and — for a checked-in member — their own progress (未开始 / 45% / 已完成),
// read on the storage thread whenever the member changes or the page asks.
class VideoLibraryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("VideoLibraryModel is created by the application")

    Q_PROPERTY(QStringList categories READ categories NOTIFY libraryChanged)
    Q_PROPERTY(QStringList problems READ problems NOTIFY libraryChanged)
    Q_PROPERTY(int count READ count NOTIFY libraryChanged)
    Q_PROPERTY(bool showsProgress READ showsProgress NOTIFY progressChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        CategoryRole,
        DescriptionRole,
        DurationSecondsRole,
        DurationTextRole,
        CreditRole,
        CreditTextRole,
        PosterRole,
        PercentRole,
        CompletedRole,
        ProgressTextRole,
    };

    // `storage` and `session` may be null (tests of the model alone): then no progress is shown.
    VideoLibraryModel(VideoManifestResult manifest, StorageThread *storage, MemberSession *session,
                      QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList categories() const; // the categories that have videos, in the library's order
    QStringList problems() const { return m_problems; }
    int count() const { return int(m_videos.size()); }
    bool showsProgress() const { return m_showProgress; }

    std::optional<VideoEntry> video(const QString &id) const;
    QList<VideoEntry> videos() const { return m_videos; }

    // A new library (a distribution brought other videos): the model is reset, then the
    // member's progress is read again.
    void setManifest(VideoManifestResult manifest);

    // Re-reads the checked-in member's progress (or forgets it when nobody is checked in).
    Q_INVOKABLE void refresh();
    // Replaces what is shown (the storage thread's answer; tests).
    void setProgress(bool showProgress, const QHash<QString, VideoProgressRecord> &progress);
    // One video's progress changed (the player saved it).
    void updateProgress(const VideoProgressRecord &record);

    static QString durationText(int seconds); // "3分05秒"
    static QString creditText(double credit);  // "0.5 学时"

signals:
    void progressChanged();
    void libraryChanged();

private:
    QList<VideoEntry> m_videos;
    QStringList m_problems;
    StorageThread *m_storage;
    MemberSession *m_session;
    bool m_showProgress = false;
    QHash<QString, VideoProgressRecord> m_progress;
    int m_generation = 0; // answers for an earlier member are dropped
};
