#pragma once
#include <QCommandLineParser>
#include <QStringList>

// dangqun-admin's commands of issue 12: checking a member's attendance receipt at the home
// branch, and the office's view of the fleet. The logic lives in backend (ReceiptVerifier,
// FrameDecoder, FleetReport); these only parse options and print. Exit codes as in main.cpp.
namespace ReceiptCommands {

int verifyReceipt(QCommandLineParser &parser, const QStringList &args);
int fleet(QCommandLineParser &parser, const QStringList &args);

} // namespace ReceiptCommands
