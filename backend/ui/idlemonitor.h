#pragma once
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

// Notices when nobody has touched the kiosk for `timeout` ms, so the UI can return to the home
// screen and clear what the last member saw. It watches input application-wide (touch, mouse,
// keys from the on-screen keyboard), not one item, because any touch anywhere means "in use".
class IdleMonitor : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY timeoutChanged)
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY enabledChanged)

public:
    explicit IdleMonitor(QObject *parent = nullptr);
    ~IdleMonitor() override;

    int timeout() const { return m_timer.interval(); }
    void setTimeout(int ms);
    bool enabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    Q_INVOKABLE void poke();

signals:
    void timeoutChanged();
    void enabledChanged();
    void idle();
    // Any touch, click, move or key anywhere (while enabled); `press` for a touch or button
    // going down, which whatever lies under the finger handles as well.
    void activity(bool press);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
    bool m_enabled = true;
};
