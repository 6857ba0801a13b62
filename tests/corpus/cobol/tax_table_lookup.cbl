      * Tax rate lookup in a table loaded from literals; linear search
      * with a found flag and 88-levels on table entries.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. TAXLOOK.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 RATE-TABLE.
          05 RATE-ENTRY OCCURS 5.
             10 STATE-CODE   PIC XX.
             10 STATE-RATE   PIC V9(4).
             10 STATE-KIND   PIC X.
                88 NO-TAX    VALUE "N".
       01 IDX              PIC 9.
       01 FOUND-SW         PIC X VALUE "N".
          88 FOUND         VALUE "Y".
       01 QUERY-STATE      PIC XX.
       01 AMOUNT           PIC 9(5)V99.
       01 TAX              PIC 9(5)V99.
       01 O-TAX            PIC ZZ,ZZ9.99.
       PROCEDURE DIVISION.
           MOVE "CA0725T" TO RATE-ENTRY (1)
           MOVE "TX0625T" TO RATE-ENTRY (2)
           MOVE "OR0000N" TO RATE-ENTRY (3)
           MOVE "NY0400T" TO RATE-ENTRY (4)
           MOVE "WA0650T" TO RATE-ENTRY (5)
           PERFORM 6 TIMES
               ACCEPT QUERY-STATE
               ACCEPT AMOUNT
               PERFORM FIND-RATE
               IF FOUND
                   IF NO-TAX (IDX)
                       DISPLAY QUERY-STATE " TAX FREE"
                   ELSE
                       COMPUTE TAX ROUNDED = AMOUNT * STATE-RATE (IDX)
                       MOVE TAX TO O-TAX
                       DISPLAY QUERY-STATE " TAX " O-TAX
                   END-IF
               ELSE
                   DISPLAY QUERY-STATE " UNKNOWN STATE"
               END-IF
           END-PERFORM
           STOP RUN.
       FIND-RATE.
           MOVE "N" TO FOUND-SW
           PERFORM VARYING IDX FROM 1 BY 1
                   UNTIL IDX > 5 OR FOUND
               IF STATE-CODE (IDX) = QUERY-STATE
                   SET FOUND TO TRUE
               END-IF
           END-PERFORM
           IF FOUND
               SUBTRACT 1 FROM IDX
           END-IF.
