#pragma once
#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>

class Database;

// The one thread that touches the kiosk's SQLite file while the UI runs. Every feature's
// controller queues its reads and writes here, so the GUI never waits for a disk flush and
// writes are serialised on one connection (SQLite's own preference).
//
// Usage from a controller on the GUI thread:
//     m_storage.call<int>(this, [](Database *db) { ... return n; }, [this](int n) { ... });
// `work` runs on the storage thread (db is null when the database could not be opened); `done`
// runs on the context object's thread afterwards. Call stop() before destroying the controllers
// that use it (the composition root does), so no result is delivered to a destroyed object.
class StorageThread : public QObject
{
    Q_OBJECT
public:
    explicit StorageThread(QString databasePath, QObject *parent = nullptr);
    ~StorageThread() override;

    void post(std::function<void(Database *db)> work);

    template<typename R>
    void call(QObject *context, std::function<R(Database *)> work, std::function<void(R)> done)
    {
        post([context = QPointer<QObject>(context), work = std::move(work), done = std::move(done)](Database *db) {
            R result = work(db);
            if (context)
                QMetaObject::invokeMethod(context.data(), [done, result] { done(result); });
        });
    }

    // Finishes the queued work and closes the database; later posts are dropped.
    void stop();
    bool isStopped() const { return m_stopped; }

    QString errorString() const { return m_error; } // why opening failed (set before any work runs)

signals:
    void opened(bool ok, const QString &error);

private:
    QThread m_thread;
    QObject *m_worker = nullptr;       // lives on m_thread; runs the posted work
    std::shared_ptr<Database> m_db;    // created and destroyed on m_thread
    QString m_error;
    bool m_stopped = false;
};
