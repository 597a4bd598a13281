#pragma once
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

// The member at the screen right now: set by a successful check-in (or a repeat scan, which
// identifies the member just as well), ended by the idle timeout or the return home. Videos,
// quizzes and registrations record against it, and nothing of it survives the next member.
class MemberSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("MemberSession is created by the application")

    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(QString issuer READ issuer NOTIFY changed)
    Q_PROPERTY(QString memberId READ memberId NOTIFY changed)
    Q_PROPERTY(QString greeting READ greeting NOTIFY changed)
    Q_PROPERTY(QString organisation READ organisation NOTIFY changed)
    Q_PROPERTY(bool flowing READ flowing NOTIFY changed)

public:
    explicit MemberSession(QObject *parent = nullptr);

    bool active() const { return !m_memberId.isEmpty(); }
    QString issuer() const { return m_issuer; }
    QString memberId() const { return m_memberId; }
    QString name() const { return m_name; } // full name: for records, never bound on screen
    QString greeting() const;
    QString organisation() const { return m_organisation; }
    bool flowing() const { return m_flowing; }

    void begin(const QString &issuer, const QString &memberId, const QString &name, const QString &organisation,
               bool flowing);
    Q_INVOKABLE void end();
    // Someone else is at the screen now (another member's scan, a refused code, the 报到 form):
    // the member's session ends just the same (issue 17), but the visit at the screen goes on,
    // so what that person chose for it (大字模式) stays.
    Q_INVOKABLE void handOver();

signals:
    void changed();
    // `handedOver`: ended by handOver(), not by the end of the visit.
    void ended(bool handedOver);

private:
    void finish(bool handedOver);

    QString m_issuer;
    QString m_memberId;
    QString m_name;
    QString m_organisation;
    bool m_flowing = false;
};
