#pragma once
#include <QCommandLineParser>
#include <QStringList>

// dangqun-admin's share commands (design.md §5); the logic lives in backend/sync (Publisher,
// RecordMerger), these only parse options and print. Exit codes as in main.cpp.
namespace SyncCommands {

int publish(QCommandLineParser &parser, const QStringList &args);
int merge(QCommandLineParser &parser, const QStringList &args);
int missing(QCommandLineParser &parser, const QStringList &args);
int resend(QCommandLineParser &parser, const QStringList &args);

} // namespace SyncCommands
