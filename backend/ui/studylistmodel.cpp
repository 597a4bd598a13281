#include "studylistmodel.h"

QVariant StudyListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case TitleRole: return r.title;
    case DetailRole: return r.detail;
    case NoteRole: return r.note;
    }
    return {};
}

QHash<int, QByteArray> StudyListModel::roleNames() const
{
    return {{TitleRole, "title"}, {DetailRole, "detail"}, {NoteRole, "note"}};
}

void StudyListModel::setRows(QList<Row> rows)
{
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        emit countChanged();
}
