# The kiosk as one Debian package (issue 10): `cpack` in the build folder writes
# dangqun-kiosk_<version>_<arch>.deb. Installing it and editing /etc/dangqun-kiosk/kiosk.ini
# turns a Debian 12 touchscreen PC into a kiosk that starts on boot under cage.
#   /usr/bin/dangqun-kiosk, /usr/bin/dangqun-admin  (the QML module is compiled into the kiosk)
#   /usr/share/dangqun-kiosk/media    default media: the generated sample videos + videos.json
#   /usr/share/dangqun-kiosk/voice    Mandarin voice prompts (espeak-ng, generated at build time)
#   /usr/share/dangqun-kiosk/samples  sample content for --demo
#   /etc/dangqun-kiosk/kiosk.ini      the configuration (a conffile: upgrades keep local edits),
#                                     0640 root:kiosk (it holds the PIN hash; postinst sets it)
#   /lib/systemd/system/dangqun-kiosk.service, /etc/pam.d/dangqun-kiosk (its PAM service)
#   /usr/lib/dangqun-kiosk/kiosk-session, kiosk-client   the unit's ExecStart (cage + exit status)
#   share automount examples, copyright and changelog under /usr/share/doc/dangqun-kiosk
set(KIOSK_CONFIG_DIR ${PROJECT_SOURCE_DIR}/kiosk-config)

install(DIRECTORY ${KIOSK_SAMPLE_MEDIA_DIR}/ DESTINATION share/dangqun-kiosk/media)
install(DIRECTORY ${KIOSK_VOICE_DIR}/ DESTINATION share/dangqun-kiosk/voice FILES_MATCHING PATTERN "*.wav")
install(DIRECTORY ${KIOSK_CONFIG_DIR}/samples/ DESTINATION share/dangqun-kiosk/samples)
install(FILES ${KIOSK_CONFIG_DIR}/kiosk.example.ini DESTINATION /etc/dangqun-kiosk RENAME kiosk.ini
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${KIOSK_CONFIG_DIR}/debian/pam DESTINATION /etc/pam.d RENAME dangqun-kiosk)
install(PROGRAMS ${KIOSK_CONFIG_DIR}/session/kiosk-session ${KIOSK_CONFIG_DIR}/session/kiosk-client
        DESTINATION lib/dangqun-kiosk)
install(DIRECTORY DESTINATION /etc/dangqun-kiosk/trusted-issuers)
install(FILES ${KIOSK_CONFIG_DIR}/systemd/dangqun-kiosk.service DESTINATION /lib/systemd/system)
install(DIRECTORY ${KIOSK_CONFIG_DIR}/systemd/share-smb ${KIOSK_CONFIG_DIR}/systemd/share-nfs
        DESTINATION share/doc/dangqun-kiosk/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${KIOSK_CONFIG_DIR}/kiosk.example.ini
              ${KIOSK_CONFIG_DIR}/question-bank-template.csv ${KIOSK_CONFIG_DIR}/debian/copyright
        DESTINATION share/doc/dangqun-kiosk)
# Debian policy: the changelog compressed with gzip -9n (no timestamp: reproducible); a native
# package (no Debian revision) names it changelog.gz.
set(KIOSK_CHANGELOG_GZ ${CMAKE_BINARY_DIR}/changelog.gz)
execute_process(COMMAND gzip -9nc ${KIOSK_CONFIG_DIR}/debian/changelog OUTPUT_FILE ${KIOSK_CHANGELOG_GZ})
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${KIOSK_CONFIG_DIR}/debian/changelog)
install(FILES ${KIOSK_CHANGELOG_GZ} DESTINATION share/doc/dangqun-kiosk)

# cpack packages what is built (CI builds everything first); it must not rebuild every test.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dangqun-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "党群服务中心自助终端 maintainers <kiosk@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "党群服务中心 self-service kiosk (QR check-in, videos, quizzes, events)")
set(CPACK_PACKAGE_DESCRIPTION "Touchscreen kiosk for party-mass service centres: member QR
check-in, anti-corruption education videos, quizzes, event registration and
reporting in of members from elsewhere, synced with the street committee's file
share. Runs full screen under the cage Wayland compositor as the unprivileged
user kiosk.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Libraries the binaries link (Qt, ZXing, libsodium, ...) from dpkg-shlibdeps; what is loaded at
# run time (QML modules, the Wayland platform plugin, GStreamer plugins, fonts, the compositor)
# cannot be seen by it and is listed here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The list is proven by tests/install (apt into a clean minimal Debian 12, the kiosk under cage):
# cage 0.1.4 refuses to start without xwayland; the virtual keyboard imports
# Qt.labs.folderlistmodel; the sound effects need a sound server; libpam-systemd registers the
# unit's logind session (screen, touch, camera, runtime folder).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "cage, xwayland, qt6-wayland, qt6-qpa-plugins, libqt6sql6-sqlite, \
qml6-module-qtqml, qml6-module-qtcore, qml6-module-qtquick, qml6-module-qtquick-controls, \
qml6-module-qtquick-templates, qml6-module-qtquick-layouts, qml6-module-qtquick-window, \
qml6-module-qtquick-shapes, qml6-module-qtqml-workerscript, qml6-module-qtqml-models, \
qml6-module-qtmultimedia, qml6-module-qtquick-virtualkeyboard, qml6-module-qt-labs-folderlistmodel, \
qt6-virtualkeyboard-plugin, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good, \
gstreamer1.0-plugins-bad, gstreamer1.0-libav, fonts-noto-cjk, pulseaudio | pipewire-pulse, \
libpam-systemd, adduser, espeak-ng")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cifs-utils | nfs-common")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${KIOSK_CONFIG_DIR}/debian/postinst ${KIOSK_CONFIG_DIR}/debian/prerm ${KIOSK_CONFIG_DIR}/debian/postrm
    ${KIOSK_CONFIG_DIR}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Release binaries without debug symbols in the package (smaller, and dpkg-shlibdeps is faster).
set(CPACK_STRIP_FILES ON)
include(CPack)
