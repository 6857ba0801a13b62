      * Fibonacci numbers up to 18 digits; stop on size error.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. FIBO.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 FIB-A       PIC 9(18) VALUE 0.
       01 FIB-B       PIC 9(18) VALUE 1.
       01 FIB-NEXT    PIC 9(18).
       01 N           PIC 999 VALUE 1.
       01 DONE-SW     PIC X VALUE "N".
          88 DONE     VALUE "Y".
       01 O-FIB       PIC Z(17)9.
       PROCEDURE DIVISION.
           PERFORM UNTIL DONE
               ADD FIB-A FIB-B GIVING FIB-NEXT
                   ON SIZE ERROR
                       SET DONE TO TRUE
                       DISPLAY "OVERFLOW AFTER TERM " N
                   NOT ON SIZE ERROR
                       ADD 1 TO N
                       MOVE FIB-B TO FIB-A
                       MOVE FIB-NEXT TO FIB-B
                       IF N > 80
                           MOVE FIB-B TO O-FIB
                           DISPLAY N " " O-FIB
                       END-IF
               END-ADD
           END-PERFORM
           DISPLAY "LAST " FIB-B
           STOP RUN.
