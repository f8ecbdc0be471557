package org.organ3d.opencl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal ELF64 shared object that holds no code, only a name ({@code DT_SONAME}) and one
 * dependency ({@code DT_NEEDED}, an absolute path). Loaded first, it answers the dynamic linker's
 * later {@code dlopen("libOpenCL.so")} by its soname, and symbol lookups through its handle search
 * its dependency: the OpenCL ICD loader found under its runtime name {@code libOpenCL.so.1}. This is
 * how JOCL (which asks for {@code libOpenCL.so}, the name only the {@code -dev} package provides) runs
 * on a machine with a driver only. See {@link OpenClLoader}.
 *
 * <p>Layout: ELF header, three program headers (one read-write {@code PT_LOAD} over the whole file,
 * {@code PT_DYNAMIC}, and {@code PT_GNU_STACK} without execute permission, so that loading it never
 * asks for an executable stack), a one-bucket {@code DT_HASH} table, a symbol table holding only the
 * null symbol, the string table and the dynamic section. Little-endian x86-64 and AArch64 (the
 * architectures JOCL ships natives for). Stateless.
 */
final class ElfStub {

    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;

    private ElfStub() {
    }

    /** The ELF machine of this JVM's architecture, or -1 when no stub can be made for it. */
    static int machine() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!"little".equals(System.getProperty("sun.cpu.endian", "little"))) {
            return -1;
        }
        return switch (arch) {
            case "amd64", "x86_64" -> EM_X86_64;
            case "aarch64", "arm64" -> EM_AARCH64;
            default -> -1;
        };
    }

    /** The stub's bytes: soname {@code soname}, one dependency {@code needed}, for ELF machine {@code machine}. */
    static byte[] bytes(String soname, String needed, int machine) {
        byte[] so = soname.getBytes(StandardCharsets.UTF_8);
        byte[] ne = needed.getBytes(StandardCharsets.UTF_8);
        int phOff = 64;
        int phNum = 3;
        int hashOff = phOff + 56 * phNum;
        int symOff = hashOff + 16;
        int strOff = symOff + 24;
        int sonameAt = 1;
        int neededAt = sonameAt + so.length + 1;
        int strSize = neededAt + ne.length + 1;
        int dynOff = (strOff + strSize + 7) & ~7;
        int dynEntries = 8;
        int size = dynOff + 16 * dynEntries;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // ELF header
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 3); // ET_DYN
        b.putShort((short) machine);
        b.putInt(1); // EV_CURRENT
        b.putLong(0); // entry
        b.putLong(phOff);
        b.putLong(0); // no section headers
        b.putInt(0); // flags
        b.putShort((short) 64);
        b.putShort((short) 56);
        b.putShort((short) phNum);
        b.putShort((short) 64);
        b.putShort((short) 0);
        b.putShort((short) 0);
        // PT_LOAD over the whole file, read-write (the linker may adjust the dynamic section in place)
        programHeader(b, 1, 6, 0, size, 0x10000);
        // PT_DYNAMIC
        programHeader(b, 2, 6, dynOff, 16L * dynEntries, 8);
        // PT_GNU_STACK, not executable
        programHeader(b, 0x6474e551, 6, 0, 0, 16);
        // DT_HASH: nbucket 1, nchain 1, bucket[0] = 0, chain[0] = 0
        b.position(hashOff);
        b.putInt(1).putInt(1).putInt(0).putInt(0);
        // symbol table: the null symbol
        b.position(symOff);
        b.put(new byte[24]);
        // string table
        b.position(strOff);
        b.put((byte) 0).put(so).put((byte) 0).put(ne).put((byte) 0);
        // dynamic section
        b.position(dynOff);
        dyn(b, 1, neededAt); // DT_NEEDED
        dyn(b, 14, sonameAt); // DT_SONAME
        dyn(b, 4, hashOff); // DT_HASH
        dyn(b, 5, strOff); // DT_STRTAB
        dyn(b, 6, symOff); // DT_SYMTAB
        dyn(b, 10, strSize); // DT_STRSZ
        dyn(b, 11, 24); // DT_SYMENT
        dyn(b, 0, 0); // DT_NULL
        return b.array();
    }

    private static void programHeader(ByteBuffer b, int type, int flags, long offset, long size, long align) {
        b.putInt(type);
        b.putInt(flags);
        b.putLong(offset);
        b.putLong(offset); // vaddr = offset
        b.putLong(offset); // paddr
        b.putLong(size);
        b.putLong(size);
        b.putLong(align);
    }

    private static void dyn(ByteBuffer b, long tag, long value) {
        b.putLong(tag);
        b.putLong(value);
    }
}
