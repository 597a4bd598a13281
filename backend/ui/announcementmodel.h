#pragma once
#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include "announcements.h"

class Clock;

// The attract screen's rotating items: the announcements and 先进典型 stories of
// <content_dir>/announcements/ that are within their show-from/until dates today. Reloaded when
// the sync puts a new distribution in service (connect SyncService::contentUpdated to reload),
// re-filtered by date whenever the attract screen opens (refresh), so nothing expired is shown
// on a kiosk that runs for weeks.
class AnnouncementModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AnnouncementModel is created by the application")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QStringList problems READ problems NOTIFY countChanged)

public:
    enum Role { IdRole = Qt::UserRole + 1, KindRole, TitleRole, TextRole, ImageRole, ExemplaryRole };

    AnnouncementModel(QString folder, const Clock &clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList problems() const { return m_problems; }

    // Shows what is due today again, without reading the file.
    Q_INVOKABLE void refresh();

public slots:
    // Reads announcements.json again (small: a few KB, so on the GUI thread like videos.json).
    void reload();

signals:
    void countChanged();

private:
    QString m_folder;
    const Clock &m_clock;
    QList<Announcement> m_all;
    QList<Announcement> m_shown;
    QStringList m_problems;
};
