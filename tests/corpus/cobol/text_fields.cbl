      * Alphanumeric moves: padding, truncation, figurative constants,
      * ALL literals, numeric to alphanumeric, comparisons.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. TEXTFLD.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 SHORT-TXT     PIC X(5).
       01 LONG-TXT      PIC X(12) VALUE "INITIAL".
       01 LETTERS       PIC A(6) VALUE "ABCDEF".
       01 NUM-ID        PIC 9(6) VALUE 4711.
       01 ID-TXT        PIC X(8).
       01 STARS         PIC X(10).
       01 REC.
          05 R-CODE     PIC XX.
          05 R-QTY      PIC 999.
          05 R-NOTE     PIC X(5).
       01 CMP-A         PIC X(4) VALUE "ABC".
       01 CMP-B         PIC X(6) VALUE "ABC".
       PROCEDURE DIVISION.
           MOVE "HELLO WORLD" TO SHORT-TXT
           DISPLAY "[" SHORT-TXT "]"
           MOVE SHORT-TXT TO LONG-TXT
           DISPLAY "[" LONG-TXT "]"
           MOVE SPACES TO LONG-TXT
           DISPLAY "[" LONG-TXT "]"
           MOVE ALL "*-" TO STARS
           DISPLAY "[" STARS "]"
           MOVE ALL "Z" TO SHORT-TXT
           DISPLAY "[" SHORT-TXT "]"
           MOVE ZEROS TO STARS
           DISPLAY "[" STARS "]"
           MOVE NUM-ID TO ID-TXT
           DISPLAY "[" ID-TXT "]"
           MOVE LETTERS TO SHORT-TXT
           DISPLAY "[" SHORT-TXT "]"
           MOVE "AB123NOTE1EXTRA" TO REC
           DISPLAY "[" REC "] " R-CODE " " R-QTY " " R-NOTE
           ADD 1 TO R-QTY
           DISPLAY "[" REC "]"
           INITIALIZE REC
           DISPLAY "[" REC "]"
           IF CMP-A = CMP-B DISPLAY "PADDED EQUAL" END-IF
           IF CMP-A < "ABD" DISPLAY "LESS" END-IF
           IF CMP-A > "AB" DISPLAY "GREATER" END-IF
           IF SHORT-TXT NOT = SPACES DISPLAY "NOT SPACES" END-IF
           IF LETTERS IS ALPHABETIC DISPLAY "ALPHABETIC" END-IF
           IF ID-TXT IS NOT NUMERIC DISPLAY "ID NOT NUMERIC" END-IF
           MOVE "00123" TO SHORT-TXT
           IF SHORT-TXT IS NUMERIC DISPLAY "NOW NUMERIC" END-IF
           MOVE SHORT-TXT TO NUM-ID
           DISPLAY NUM-ID
           DISPLAY "QUOTE " QUOTE "X" QUOTE
           STOP RUN.
