#pragma once
#include <QList>
#include <QString>
#include <QStringList>

// The home organisations a 流动党员 can pick on the 报到 form, from the distribution's
// `<content_dir>/organisations/organisations.json`:
//   {"organisations": [{"name": "中共某某街道工作委员会", "initials": "optional override"}, ...]}
// Searchable by name or by pinyin initials (see PinyinInitials). A missing file is no error:
// members can always type their organisation.
class OrganisationDirectory
{
public:
    struct Entry
    {
        QString name;
        QString initials;
    };

    static OrganisationDirectory load(const QString &path, QString *error = nullptr);
    static OrganisationDirectory fromNames(const QStringList &names);

    int size() const { return int(m_entries.size()); }
    const QList<Entry> &entries() const { return m_entries; }
    // At most `limit` names matching `query` (all when it is empty), in file order.
    QStringList search(const QString &query, int limit = 50) const;

private:
    QList<Entry> m_entries;
};
