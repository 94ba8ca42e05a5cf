/*
 * A minimal disassembler plugin for HotSpot's -XX:+PrintAssembly, on Capstone (BSD licence).
 * HotSpot looks for hsdis-<arch>.so and calls decode_instructions_virtual for each blob of code;
 * the callbacks mark where each instruction starts and ends, so that HotSpot can interleave its own
 * annotations (the inlined frames and source lines of each instruction), which is what
 * asm-annotate.py joins with perf's samples. Built and used by asm-profile.sh; x86-64 only.
 */
#include <stdint.h>
#include <capstone/capstone.h>

typedef void* (*event_callback_t)(void*, const char*, void*);
typedef int (*printf_callback_t)(void*, const char*, ...);

void* decode_instructions_virtual(
    uintptr_t start_va, uintptr_t end_va, unsigned char* buffer, uintptr_t length,
    event_callback_t event_callback, void* event_stream,
    printf_callback_t printf_callback, void* printf_stream,
    const char* options, int newline)
{
    (void)end_va;
    (void)options;
    csh handle;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK)
    {
        return NULL;
    }
    cs_insn* insn;
    const size_t count = cs_disasm(handle, buffer, length, start_va, 0, &insn);
    for (size_t i = 0; i < count; i++)
    {
        event_callback(event_stream, "insn", (void*)(uintptr_t)insn[i].address);
        printf_callback(printf_stream, "%s\t%s", insn[i].mnemonic, insn[i].op_str);
        event_callback(event_stream, "/insn", (void*)(uintptr_t)(insn[i].address + insn[i].size));
        if (newline)
        {
            printf_callback(printf_stream, "\n");
        }
    }
    if (count > 0)
    {
        cs_free(insn, count);
    }
    cs_close(&handle);
    return (void*)(start_va + length);
}
