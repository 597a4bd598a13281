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
    static bool publish(const QString &keyPath, const QString &dir, DistributionManifest *manifest, QString *error);
};
