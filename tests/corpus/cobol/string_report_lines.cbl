      * Report lines built with STRING: names trimmed at the first
      * space, literals, numbers, and a target that keeps its tail.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. STRLINES.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 FIRST-NAME    PIC X(10).
       01 LAST-NAME     PIC X(12).
       01 CITY          PIC X(10).
       01 ORDERS        PIC 9(4).
       01 OUT-LINE      PIC X(40).
       01 SHORT-LINE    PIC X(8).
       01 N             PIC 9.
       PROCEDURE DIVISION.
           PERFORM VARYING N FROM 1 BY 1 UNTIL N > 3
               ACCEPT FIRST-NAME
               ACCEPT LAST-NAME
               ACCEPT CITY
               ACCEPT ORDERS
               MOVE ALL "." TO OUT-LINE
               STRING LAST-NAME DELIMITED BY SPACE
                      ", " DELIMITED BY SIZE
                      FIRST-NAME DELIMITED BY " "
                      " (" CITY DELIMITED BY "  "
                      ") #" ORDERS DELIMITED BY SIZE
                      INTO OUT-LINE
               END-STRING
               DISPLAY "[" OUT-LINE "]"
           END-PERFORM
           MOVE "ABCDEFGH" TO SHORT-LINE
           STRING "XY" DELIMITED BY SIZE INTO SHORT-LINE
           DISPLAY "[" SHORT-LINE "]"
           STRING "0123456789" 42 DELIMITED BY SIZE INTO SHORT-LINE
           DISPLAY "[" SHORT-LINE "]"
           STOP RUN.
