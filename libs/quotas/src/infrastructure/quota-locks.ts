/** Advisory-lock key space of a project's quota limits (two-int form: this, hashtext(project id)). */
export const QUOTA_LOCK = 0x51554f54;
/** Advisory-lock key space of admissions against one finite limit (this, hashtext(project/resource)). */
export const ADMIT_LOCK = 0x51554f55;
/** SQLSTATE of `ember_quota_admit`'s refusals; the error's detail says what was refused (JSON). */
export const QUOTA_REFUSED_SQLSTATE = 'EMQTA';
