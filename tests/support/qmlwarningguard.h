#pragma once
#include <QList>
#include <QQmlEngine>
#include <QQmlError>
#include <QStringList>
#include <QtGlobal>

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
            for (const QQmlError &e : errors)
                s_messages << e.toString();
        });
        s_previous = qInstallMessageHandler(&QmlWarningGuard::handler);
    }
    ~QmlWarningGuard() { qInstallMessageHandler(s_previous); }

    static QStringList messages() { return s_messages; }

private:
    static void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
    {
        const QLatin1String category(ctx.category ? ctx.category : "");
        if (type != QtDebugMsg && type != QtInfoMsg && (category == QLatin1String("qml") || category == QLatin1String("js")))
            s_messages << msg;
        if (s_previous)
            s_previous(type, ctx, msg);
    }

    static inline QStringList s_messages;
    static inline QtMessageHandler s_previous = nullptr;
};

// Shown in QCOMPARE failures as the full list of warnings.
#define QVERIFY_NO_QML_WARNINGS() \
    QVERIFY2(QmlWarningGuard::messages().isEmpty(), qPrintable(QmlWarningGuard::messages().join(QLatin1Char('\n'))))
