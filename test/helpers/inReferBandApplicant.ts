import type { ApplicantInput } from '../../src/schema/applicant.js';

// syn-7-2056 of generatePopulation (seed 7, asOf 2026-03-31): PD 0.1468, in the refer band, and
// too little income left after living costs for the smallest line.
export const inReferBand: ApplicantInput = JSON.parse(`{
  "id": "syn-7-2056",
  "asOf": "2026-03-31",
  "birthDate": "2000-09-28",
  "identity": {
    "idHash": "84540f333fcb3c434eace02a95d5ad854b1df372715a7e0c71f441f7004a1859"
  },
  "employment": {
    "type": "other",
    "industry": "construction",
    "startDate": "2026-02-27"
  },
  "income": {
    "monthlyNet": 488000,
    "source": "bank_statement"
  },
  "socialInsuranceMonths": 0,
  "housingFundMonths": 0,
  "residence": {
    "cityTier": 4,
    "region": "east"
  },
  "bureau": {
    "hasFile": false,
    "currentDaysPastDue": 0,
    "otherConsumerCreditBalance": 0,
    "otherMonthlyDebtService": 0
  },
  "platform": {
    "accountAgeMonths": 5,
    "transactions3m": 55,
    "transactionAmount3m": 496727,
    "currentLimit": 0,
    "currentBalance": 0,
    "onTimeRepaymentRate": 0.709
  },
  "household": {
    "monthlyEssentialSpending": 447000,
    "dependants": 2
  },
  "controls": {},
  "evidence": [
    {
      "kind": "vocational_skill_level",
      "issuer": "Ministry of Human Resources and Social Security",
      "credentialId": "VOCA-1016777a415016125cc6",
      "holder": {
        "idHash": "84540f333fcb3c434eace02a95d5ad854b1df372715a7e0c71f441f7004a1859"
      },
      "issueDate": "2021-07-12",
      "verification": {
        "method": "manual_review",
        "confidence": 0.8
      },
      "documentHash": "6324e0a1669ee154fc280d1f3931ce8e4a42f835fe65239178104452af3411fe",
      "level": "level_5"
    }
  ]
}`);
