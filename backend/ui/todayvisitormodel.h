#pragma once
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "todaysummary.h"

// 今日 on the staff screen: who checked in today (masked name, organisation, 本地/流动, time,
// event), latest first. Filled from TodaySummary, which the storage thread reads.
class TodayVisitorModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TodayVisitorModel belongs to AdminController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { NameRole = Qt::UserRole + 1, OrganisationRole, FlowingRole, TimeRole, EventTitleRole };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }

    void setVisitors(const QList<TodayVisitor> &rows);

signals:
    void countChanged();

private:
    QList<TodayVisitor> m_rows;
};
