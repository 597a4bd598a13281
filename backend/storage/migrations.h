#pragma once
#include <QStringList>

// The schema's history, oldest first. Forward-only: a released step is never edited, a change
// is a new step. Version N's statements turn a version N-1 database into version N.
class Migrations
{
public:
    static int latestVersion();
    static QStringList statementsFor(int version);
};
