#pragma once
#include <QProcess>
#include <QString>
#include <QStringList>

// Runs the staff tool (DANGQUN_ADMIN, defined by the test's CMake) as staff would, and keeps what
// it said. For CLI tests; tst_admincli and tst_quizadmin still carry their own copy.
namespace AdminRun {

struct Result
{
    int code = -1; // -2: crashed; -1: did not finish
    QString out;
    QString err;
};

inline Result run(const QStringList &args)
{
    QProcess p;
    p.setProgram(QStringLiteral(DANGQUN_ADMIN));
    p.setArguments(args);
    p.start();
    Result r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace AdminRun
