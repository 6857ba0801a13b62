      * Payroll with progressive tax brackets and edited pay slips.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PAYROLL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 EMPLOYEE.
          05 EMP-NAME      PIC X(12).
          05 EMP-HOURS     PIC 9(3)V9.
          05 EMP-RATE      PIC 9(3)V99.
          05 EMP-STATUS    PIC X.
             88 FULL-TIME  VALUE "F".
             88 PART-TIME  VALUE "P".
       01 GROSS-PAY        PIC 9(6)V99.
       01 TAX              PIC 9(6)V99.
       01 NET-PAY          PIC S9(6)V99.
       01 OVERTIME         PIC 9(3)V9.
       01 TOTAL-NET        PIC S9(8)V99 VALUE ZERO.
       01 COUNTER          PIC 9(3) VALUE 0.
       01 OUT-GROSS        PIC $$$,$$9.99.
       01 OUT-TAX          PIC ZZZ,ZZ9.99.
       01 OUT-NET          PIC ---,--9.99.
       PROCEDURE DIVISION.
       MAIN-PARA.
           ACCEPT COUNTER
           PERFORM PROCESS-EMPLOYEE COUNTER TIMES
           DISPLAY "TOTAL NET: " TOTAL-NET
           STOP RUN.
       PROCESS-EMPLOYEE.
           ACCEPT EMP-NAME
           ACCEPT EMP-HOURS
           ACCEPT EMP-RATE
           ACCEPT EMP-STATUS
           IF EMP-HOURS > 40 AND FULL-TIME
               COMPUTE OVERTIME = EMP-HOURS - 40
               COMPUTE GROSS-PAY ROUNDED =
                   40 * EMP-RATE + OVERTIME * EMP-RATE * 1.5
           ELSE
               MULTIPLY EMP-HOURS BY EMP-RATE GIVING GROSS-PAY ROUNDED
           END-IF
           EVALUATE TRUE
               WHEN GROSS-PAY < 500
                   MOVE ZERO TO TAX
               WHEN GROSS-PAY < 1500
                   COMPUTE TAX ROUNDED = (GROSS-PAY - 500) * 0.12
               WHEN GROSS-PAY < 4000
                   COMPUTE TAX ROUNDED = 120 + (GROSS-PAY - 1500) * 0.22
               WHEN OTHER
                   COMPUTE TAX ROUNDED = 670 + (GROSS-PAY - 4000) * 0.35
           END-EVALUATE
           IF PART-TIME
               SUBTRACT 10 FROM TAX
                   ON SIZE ERROR MOVE 0 TO TAX
               END-SUBTRACT
           END-IF
           SUBTRACT TAX FROM GROSS-PAY GIVING NET-PAY
           ADD NET-PAY TO TOTAL-NET
           MOVE GROSS-PAY TO OUT-GROSS
           MOVE TAX TO OUT-TAX
           MOVE NET-PAY TO OUT-NET
           DISPLAY EMP-NAME " GROSS " OUT-GROSS " TAX " OUT-TAX
                   " NET " OUT-NET.
