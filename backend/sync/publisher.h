#pragma once
#include <QString>

#include "distributionmanifest.h"

// The office side of the distribution (`dangqun-admin publish --key K --dir DIR`): lists every
// file under DIR (the share's distribution/ folder) with its sha256 and size, bumps the version,
// and writes manifest.json and manifest.json.sig (Ed25519 with the issuer's secret key). Each is
// written under a temp name and renamed, so a kiosk never reads half a manifest.
class Publisher
{
public:
    // `keyPath` is <ISSUER>.key as written by `dangqun-admin keygen`. On success `manifest`
    // holds what was published.
    // Every file is first checked as a kiosk checks it (ContentValidator, the roster across files);
    // any problem refuses the whole set, each named. `checkContent` false signs without the check
    // (only for tests that must hand a kiosk a set it refuses).
    static bool publish(const QString &keyPath, const QString &dir, DistributionManifest *manifest, QString *error,
                        bool checkContent = true);
};
