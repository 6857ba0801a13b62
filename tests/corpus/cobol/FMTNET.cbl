      * Pay-line formatting routine called by payroll_calls.cbl (found
      * as FMTNET.cbl next to it, as cobc finds static calls). IS
      * INITIAL: its working storage starts fresh on every call.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. FMTNET IS INITIAL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-USES            PIC 9 VALUE 0.
       01 WS-EDITED          PIC ZZZ,ZZ9.99-.
       LINKAGE SECTION.
       01 LS-AMOUNT          PIC S9(6)V99.
       01 LS-TEXT            PIC X(16).
       PROCEDURE DIVISION USING LS-AMOUNT LS-TEXT.
       FORMAT-NET.
           ADD 1 TO WS-USES
           MOVE LS-AMOUNT TO WS-EDITED
           MOVE SPACES TO LS-TEXT
           STRING "NET" WS-USES WS-EDITED DELIMITED BY SIZE
               INTO LS-TEXT
           EXIT PROGRAM.
       END PROGRAM FMTNET.
