      * Depreciation schedules: straight line and double declining.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. DEPREC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 COST          PIC 9(7)V99 VALUE 48500.00.
       01 SALVAGE       PIC 9(7)V99 VALUE 3500.00.
       01 LIFE          PIC 99 VALUE 7.
       01 YR            PIC 99.
       01 SL-DEP        PIC 9(7)V99.
       01 DDB-DEP       PIC 9(7)V99.
       01 BOOK          PIC 9(7)V99.
       01 DDB-RATE      PIC 9V9(6).
       01 O-DEP         PIC ZZZ,ZZ9.99.
       01 O-BOOK        PIC ZZZ,ZZ9.99.
       PROCEDURE DIVISION.
           DIVIDE LIFE INTO COST GIVING SL-DEP ROUNDED
           COMPUTE SL-DEP ROUNDED = (COST - SALVAGE) / LIFE
           MOVE SL-DEP TO O-DEP
           DISPLAY "STRAIGHT LINE PER YEAR " O-DEP
           COMPUTE DDB-RATE = 2 / LIFE
           MOVE COST TO BOOK
           PERFORM VARYING YR FROM 1 BY 1 UNTIL YR > LIFE
               COMPUTE DDB-DEP ROUNDED = BOOK * DDB-RATE
               IF BOOK - DDB-DEP < SALVAGE
                   COMPUTE DDB-DEP = BOOK - SALVAGE
               END-IF
               SUBTRACT DDB-DEP FROM BOOK
               MOVE DDB-DEP TO O-DEP
               MOVE BOOK TO O-BOOK
               DISPLAY "YEAR " YR " DDB " O-DEP " BOOK " O-BOOK
           END-PERFORM
           STOP RUN.
