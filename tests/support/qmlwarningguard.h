#pragma once
#include <QList>
#include <QQmlEngine>
#include <QQmlError>
#include <QStringList>
#include <QtGlobal>
#include <algorithm>

// Any QML warning fails a test: this collects the engine's warnings (binding loops, type
// errors, undefined references) and console.warn/error output, and the test checks it is empty.
class QmlWarningGuard
{
public:
    explicit QmlWarningGuard(QQmlEngine *engine)
    {
        s_messages.clear();
        engine->setOutputWarningsToStandardError(false);
        QObject::connect(engine, &QQmlEngine::warnings, engine, [](const QList<QQmlError> &errors) {
            for (const QQmlError &e : errors) {
                if (!tolerated(e.toString()))
                    s_messages << e.toString();
            }
        });
        s_previous = qInstallMessageHandler(&QmlWarningGuard::handler);
    }
    ~QmlWarningGuard() { qInstallMessageHandler(s_previous); }

    static QStringList messages() { return s_messages; }
    // A known warning a test does not fail on (every fragment must occur in it); named in the
    // test with the issue that owes its fix.
    static void tolerate(const QStringList &fragments) { s_tolerated << fragments; }

private:
    static void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
    {
        const QLatin1String category(ctx.category ? ctx.category : "");
        if (type != QtDebugMsg && type != QtInfoMsg && (category == QLatin1String("qml") || category == QLatin1String("js"))
            && !tolerated(msg))
            s_messages << msg;
        if (s_previous)
            s_previous(type, ctx, msg);
    }

    static bool tolerated(const QString &msg)
    {
        for (const QStringList &fragments : std::as_const(s_tolerated)) {
            if (std::all_of(fragments.begin(), fragments.end(), [&msg](const QString &f) { return msg.contains(f); }))
                return true;
        }
        return false;
    }

    static inline QStringList s_messages;
    static inline QList<QStringList> s_tolerated;
    static inline QtMessageHandler s_previous = nullptr;
};

// Shown in QCOMPARE failures as the full list of warnings.
#define QVERIFY_NO_QML_WARNINGS() \
    QVERIFY2(QmlWarningGuard::messages().isEmpty(), qPrintable(QmlWarningGuard::messages().join(QLatin1Char('\n'))))
