#include "membersession.h"
#include "logging.h"
#include "masking.h"

MemberSession::MemberSession(QObject *parent) : QObject(parent) { }

QString MemberSession::greeting() const
{
    return active() ? Masking::greeting(m_name) : QString();
}

void MemberSession::begin(const QString &issuer, const QString &memberId, const QString &name,
                          const QString &organisation, bool flowing)
{
    m_issuer = issuer;
    m_memberId = memberId;
    m_name = name;
    m_organisation = organisation;
    m_flowing = flowing;
    qCInfo(lcUi) << "member session begins";
    emit changed();
}

void MemberSession::end()
{
    finish(false);
}

void MemberSession::handOver()
{
    finish(true);
}

void MemberSession::finish(bool handedOver)
{
    if (!active())
        return;
    m_issuer.clear();
    m_memberId.clear();
    m_name.clear();
    m_organisation.clear();
    m_flowing = false;
    qCInfo(lcUi) << "member session ends" << (handedOver ? "(another person at the screen)" : "");
    emit changed();
    emit ended(handedOver);
}
