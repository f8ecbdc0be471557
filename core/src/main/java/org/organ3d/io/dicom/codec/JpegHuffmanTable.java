package org.organ3d.io.dicom.codec;

/**
 * One JPEG Huffman table (T.81 Annex C): canonical codes from the DHT code-length counts, with a
 * {@value #FAST_BITS}-bit lookup table for short codes and the T.81 F.2.2.3 MAXCODE walk for the rest.
 * Immutable once built.
 */
final class JpegHuffmanTable {

    /** Bits looked up at once; codes up to this length decode with one table access. */
    static final int FAST_BITS = 11;

    /** (length << 8) | symbol for codes of at most FAST_BITS bits, indexed by the next FAST_BITS bits; 0 = longer. */
    final int[] lookup = new int[1 << FAST_BITS];
    /** Per length 1..16: largest code of that length, or -1. */
    final int[] maxCode = new int[17];
    final int[] minCode = new int[17];
    final int[] firstIndex = new int[17];
    final int[] symbols;
    /** Code length of each symbol (0 = absent), for callers that build fused tables. */
    final int[] codeLength = new int[256];
    final int[] code = new int[256];

    private JpegHuffmanTable(int[] counts, int[] symbols, String codec, int offset) throws CodecException {
        this.symbols = symbols;
        int c = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            firstIndex[len] = k;
            minCode[len] = c;
            for (int i = 0; i < counts[len - 1]; i++, k++, c++) {
                // NB: checked per code, before the code indexes the lookup table
                if (c >= 1 << len) {
                    throw CodecException.at(codec, offset, "Huffman table has more codes of length " + len + " than fit");
                }
                int sym = symbols[k];
                codeLength[sym] = len;
                code[sym] = c;
                if (len <= FAST_BITS) {
                    int base = c << (FAST_BITS - len);
                    for (int j = 0; j < 1 << (FAST_BITS - len); j++) {
                        lookup[base + j] = len << 8 | sym;
                    }
                }
            }
            maxCode[len] = counts[len - 1] == 0 ? -1 : c - 1;
            c <<= 1;
        }
    }

    /**
     * Parses one table definition at {@code at} (after the Tc/Th byte); returns it, and the number of
     * bytes it used in {@code used[0]}.
     */
    static JpegHuffmanTable read(JpegMarkerReader r, int at, int end, String codec, int[] used) throws CodecException {
        if (at + 16 > end) {
            throw CodecException.at(codec, at, "Huffman table code counts truncated");
        }
        int[] counts = new int[16];
        int total = 0;
        for (int i = 0; i < 16; i++) {
            counts[i] = r.u8(at + i);
            total += counts[i];
        }
        if (total > 256 || at + 16 + total > end) {
            throw CodecException.at(codec, at, "Huffman table of " + total + " symbols does not fit its segment");
        }
        int[] symbols = new int[total];
        for (int i = 0; i < total; i++) {
            symbols[i] = r.u8(at + 16 + i);
        }
        used[0] = 16 + total;
        return new JpegHuffmanTable(counts, symbols, codec, at);
    }
}
