#include "storagethread.h"
#include "database.h"
#include "logging.h"

StorageThread::StorageThread(QString databasePath, QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("storage"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    post([this, path = std::move(databasePath)](Database *) {
        auto db = std::make_shared<Database>(path);
        const bool ok = db->open();
        const QString error = db->errorString();
        if (ok)
            m_db = db;
        else
            qCCritical(lcStorage).noquote() << "storage thread: database unavailable:" << error;
        QMetaObject::invokeMethod(this, [this, ok, error] {
            m_error = error;
            emit opened(ok, error);
        });
    });
}

StorageThread::~StorageThread()
{
    stop();
}

void StorageThread::post(std::function<void(Database *)> work)
{
    if (m_stopped)
        return;
    // m_db is only ever read and written on the storage thread, inside posted work.
    QMetaObject::invokeMethod(m_worker, [this, work = std::move(work)] { work(m_db.get()); });
}

void StorageThread::stop()
{
    if (m_stopped)
        return;
    // Queued behind everything posted before it: that work completes, then the database closes
    // on its own thread and the thread's event loop ends.
    post([this](Database *) {
        m_db.reset();
        QThread::currentThread()->quit();
    });
    m_stopped = true;
    m_thread.wait();
}
