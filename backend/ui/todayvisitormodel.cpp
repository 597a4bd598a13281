#include "todayvisitormodel.h"

int TodayVisitorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TodayVisitorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TodayVisitor &v = m_rows.at(index.row());
    switch (role) {
    case NameRole: return v.maskedName;
    case OrganisationRole: return v.organisation;
    case FlowingRole: return v.flowing;
    case TimeRole: return v.time;
    case EventTitleRole: return v.eventTitle;
    default: return {};
    }
}

QHash<int, QByteArray> TodayVisitorModel::roleNames() const
{
    return {{NameRole, "maskedName"}, {OrganisationRole, "organisation"}, {FlowingRole, "flowing"},
            {TimeRole, "time"}, {EventTitleRole, "eventTitle"}};
}

void TodayVisitorModel::setVisitors(const QList<TodayVisitor> &rows)
{
    const int before = count();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (count() != before)
        emit countChanged();
}
