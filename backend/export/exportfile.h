#pragma once
#include <QString>
#include <QStringList>

// How every export reaches its folder (a share or a USB stick): written under a hidden temp
// name, fsynced, then renamed to a name that did not exist, then the folder fsynced, so staff
// never find half a spreadsheet, and never lose yesterday's export to today's.
class ExportFile
{
public:
    // Names in `dir` for `base` + each of `parts` + "." + `suffix` ("" part = no extra), all
    // currently free: base, then "base(2)", "base(3)", ... until none of them exists.
    static QStringList freePaths(const QString &dir, const QString &base, const QStringList &parts,
                                 const QString &suffix);
    static QString tempPathFor(const QString &finalPath);
    // fsync `temp`, rename it to `finalPath` (never replacing), fsync the folder. On failure the
    // temp file is removed and `error` says why.
    static bool commit(const QString &temp, const QString &finalPath, QString *error);
};
