#pragma once
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// A short list on the 我的学习 page (the last check-ins, the registrations to come): rows of a
// title, a detail line and a note, already in words for the screen.
class StudyListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StudyListModel belongs to StudyController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    struct Row
    {
        QString title;
        QString detail;
        QString note;
    };
    enum Role { TitleRole = Qt::UserRole + 1, DetailRole, NoteRole };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    void setRows(QList<Row> rows);

signals:
    void countChanged();

private:
    QList<Row> m_rows;
};
