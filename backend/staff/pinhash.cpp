#include "pinhash.h"

#include <sodium.h>

bool PinHash::isValidPin(const QString &pin)
{
    if (pin.size() < MinDigits || pin.size() > MaxDigits)
        return false;
    for (QChar c : pin) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

QString PinHash::hash(const QString &pin)
{
    if (!isValidPin(pin) || sodium_init() < 0)
        return {};
    const QByteArray bytes = pin.toLatin1();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, bytes.constData(), quint64(bytes.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PinHash::verify(const QString &hashString, const QString &pin)
{
    if (!looksLikeHash(hashString) || pin.isEmpty() || pin.size() > MaxDigits || sodium_init() < 0)
        return false;
    const QByteArray h = hashString.toLatin1();
    const QByteArray p = pin.toLatin1();
    return crypto_pwhash_str_verify(h.constData(), p.constData(), quint64(p.size())) == 0;
}

bool PinHash::looksLikeHash(const QString &hashString)
{
    return hashString.startsWith(QLatin1String("$argon2id$")) && hashString.size() < crypto_pwhash_STRBYTES;
}
