#pragma once
#include <cstddef>

// How the kiosk process asks glibc's malloc for memory, for a process that runs for months
// (issue 24). By default glibc raises its mmap threshold each time a block that was mapped of its
// own is freed (up to 32 MiB): after the first video's decoded frames (~340 KiB each) and the
// window's 8 MiB images are freed, blocks that size come from the heaps of whichever threads made
// them (GStreamer starts new streaming threads for every video), and those heaps keep the freed
// space resident. Measured with tst_soak, 100 visits: RSS 196-211 MB with 79-94 MB of malloc
// heaps for 42 MB in use; with the threshold fixed, 168-172 MB with 50-54 MB of heaps.
class HeapSettings
{
public:
    // Blocks this size and larger are mapped of their own and given back to the system when freed.
    // glibc's own starting value; setting it turns the dynamic threshold off.
    static constexpr std::size_t mmapThresholdBytes = 128 * 1024;

    // Applies the settings to the whole process; false when malloc refused them (logged).
    static bool apply();
};
