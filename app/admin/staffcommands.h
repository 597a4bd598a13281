#pragma once
#include <QCommandLineParser>
#include <QStringList>

// dangqun-admin's staff commands (issue 9); the logic lives in backend/staff and backend/export,
// these only parse options and print. Exit codes as in main.cpp.
namespace StaffCommands {

// set-pin --config kiosk.ini: reads the PIN from standard input, writes its Argon2id hash.
int setPin(QCommandLineParser &parser, const QStringList &args);
// export KIND --db DB --out DIR [...]: the kiosk's exports over a kiosk or central database.
int exportReport(QCommandLineParser &parser, const QStringList &args);

} // namespace StaffCommands
