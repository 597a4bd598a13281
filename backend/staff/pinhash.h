#pragma once
#include <QString>

// The staff PIN is kept only as a libsodium crypto_pwhash string (Argon2id, salt and cost inside
// the string), so a copied kiosk.ini does not give the PIN away. INTERACTIVE limits: a kiosk CPU
// verifies in well under a second, and the lockout (LoginGuard) stops guessing anyway.
class PinHash
{
public:
    static constexpr int MinDigits = 4;
    static constexpr int MaxDigits = 12;

    // Digits only, MinDigits..MaxDigits long: what the on-screen keypad can type.
    static bool isValidPin(const QString &pin);
    // "$argon2id$v=19$m=...": empty if the PIN is not valid or hashing failed (out of memory).
    static QString hash(const QString &pin);
    // False for a wrong PIN and for a malformed or empty hash string.
    static bool verify(const QString &hashString, const QString &pin);
    // Whether the string looks like something hash() wrote (config validation).
    static bool looksLikeHash(const QString &hashString);
};
