#include "announcementmodel.h"
#include "clock.h"
#include "logging.h"

#include <QUrl>

AnnouncementModel::AnnouncementModel(QString folder, const Clock &clock, QObject *parent)
    : QAbstractListModel(parent), m_folder(std::move(folder)), m_clock(clock)
{
    reload();
}

int AnnouncementModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant AnnouncementModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Announcement &a = m_shown.at(index.row());
    switch (role) {
    case IdRole:
        return a.id;
    case KindRole:
        return a.kind;
    case TitleRole:
    case Qt::DisplayRole:
        return a.title;
    case TextRole:
        return a.text;
    case ImageRole:
        return a.imagePath.isEmpty() ? QUrl() : QUrl::fromLocalFile(a.imagePath);
    case ExemplaryRole:
        return a.kind == u"先进典型";
    default:
        return {};
    }
}

QHash<int, QByteArray> AnnouncementModel::roleNames() const
{
    return {{IdRole, "announcementId"}, {KindRole, "kind"},   {TitleRole, "title"},
            {TextRole, "body"},         {ImageRole, "image"}, {ExemplaryRole, "exemplary"}};
}

void AnnouncementModel::refresh()
{
    const QList<Announcement> shown = Announcements::showing(m_all, m_clock.localDate());
    if (shown == m_shown)
        return;
    beginResetModel();
    m_shown = shown;
    endResetModel();
    emit countChanged();
}

void AnnouncementModel::reload()
{
    const AnnouncementsResult r = Announcements::load(m_folder);
    for (const QString &p : r.problems)
        qCWarning(lcUi).noquote() << "announcements:" << p;
    m_all = r.items;
    const bool problemsChanged = m_problems != r.problems;
    m_problems = r.problems;
    const qsizetype before = m_shown.size();
    refresh();
    if (problemsChanged && before == m_shown.size())
        emit countChanged();
}
