#include "videolibrarymodel.h"
#include "database.h"
#include "logging.h"
#include "membersession.h"
#include "storagethread.h"

#include <QUrl>

VideoLibraryModel::VideoLibraryModel(VideoManifestResult manifest, StorageThread *storage, MemberSession *session,
                                     QObject *parent)
    : QAbstractListModel(parent)
    , m_videos(std::move(manifest.videos))
    , m_problems(std::move(manifest.problems))
    , m_storage(storage)
    , m_session(session)
{
    for (const QString &p : std::as_const(m_problems))
        qCWarning(lcUi).noquote() << "videos.json:" << p;
    if (m_session)
        connect(m_session, &MemberSession::changed, this, &VideoLibraryModel::refresh);
}

void VideoLibraryModel::setManifest(VideoManifestResult manifest)
{
    beginResetModel();
    m_videos = std::move(manifest.videos);
    m_problems = std::move(manifest.problems);
    endResetModel();
    for (const QString &p : std::as_const(m_problems))
        qCWarning(lcUi).noquote() << "videos.json:" << p;
    emit libraryChanged();
    refresh();
}

int VideoLibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_videos.size());
}

QVariant VideoLibraryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const VideoEntry &v = m_videos.at(index.row());
    const auto p = m_progress.constFind(v.id);
    const bool started = p != m_progress.constEnd();
    const bool completed = started && p->credited;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return v.title;
    case IdRole:
        return v.id;
    case CategoryRole:
        return v.category;
    case DescriptionRole:
        return v.description;
    case DurationSecondsRole:
        return v.durationSeconds;
    case DurationTextRole:
        return durationText(v.durationSeconds);
    case CreditRole:
        return v.credit;
    case CreditTextRole:
        return creditText(v.credit);
    case PosterRole:
        return v.posterFile.isEmpty() ? QUrl() : QUrl::fromLocalFile(v.posterFile);
    case PercentRole:
        return completed ? 100 : (started ? p->percent() : 0);
    case CompletedRole:
        return completed;
    case ProgressTextRole:
        if (!m_showProgress)
            return QString();
        if (completed)
            return QStringLiteral("已完成");
        if (!started || p->percent() == 0)
            return QStringLiteral("未开始");
        return QStringLiteral("已观看 %1%").arg(p->percent());
    default:
        return {};
    }
}

QHash<int, QByteArray> VideoLibraryModel::roleNames() const
{
    return {
        {IdRole, "videoId"},
        {TitleRole, "title"},
        {CategoryRole, "category"},
        {DescriptionRole, "description"},
        {DurationSecondsRole, "durationSeconds"},
        {DurationTextRole, "durationText"},
        {CreditRole, "credit"},
        {CreditTextRole, "creditText"},
        {PosterRole, "poster"},
        {PercentRole, "percent"},
        {CompletedRole, "completed"},
        {ProgressTextRole, "progressText"},
    };
}

QStringList VideoLibraryModel::categories() const
{
    QStringList out;
    for (const QString &c : VideoManifest::categories()) {
        for (const VideoEntry &v : m_videos) {
            if (v.category == c) {
                out << c;
                break;
            }
        }
    }
    return out;
}

std::optional<VideoEntry> VideoLibraryModel::video(const QString &id) const
{
    for (const VideoEntry &v : m_videos) {
        if (v.id == id)
            return v;
    }
    return std::nullopt;
}

void VideoLibraryModel::refresh()
{
    const int generation = ++m_generation;
    if (!m_session || !m_storage || !m_session->active()) {
        setProgress(false, {});
        return;
    }
    const QString issuer = m_session->issuer();
    const QString memberId = m_session->memberId();
    using Result = std::optional<QHash<QString, VideoProgressRecord>>;
    m_storage->call<Result>(
        this,
        [issuer, memberId](Database *db) -> Result {
            if (!db)
                return std::nullopt;
            return VideoStore::progressFor(*db, issuer, memberId);
        },
        [this, generation](const Result &progress) {
            if (generation != m_generation)
                return; // another member by now
            setProgress(progress.has_value(), progress.value_or(QHash<QString, VideoProgressRecord>()));
        });
}

void VideoLibraryModel::setProgress(bool showProgress, const QHash<QString, VideoProgressRecord> &progress)
{
    m_showProgress = showProgress;
    m_progress = progress;
    if (!m_videos.isEmpty())
        emit dataChanged(index(0), index(int(m_videos.size()) - 1),
                         {PercentRole, CompletedRole, ProgressTextRole});
    emit progressChanged();
}

void VideoLibraryModel::updateProgress(const VideoProgressRecord &record)
{
    m_progress.insert(record.videoId, record);
    for (int row = 0; row < m_videos.size(); ++row) {
        if (m_videos.at(row).id == record.videoId)
            emit dataChanged(index(row), index(row), {PercentRole, CompletedRole, ProgressTextRole});
    }
}

QString VideoLibraryModel::durationText(int seconds)
{
    if (seconds <= 0)
        return QString();
    if (seconds < 60)
        return QStringLiteral("%1秒").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1分%2秒").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1小时%2分").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString VideoLibraryModel::creditText(double credit)
{
    return QStringLiteral("%1 学时").arg(QString::number(credit, 'g', 3));
}
