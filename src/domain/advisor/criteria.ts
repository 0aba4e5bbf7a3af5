/** The criteria the advisor's rules come from, quoted from the seed articles (spacing normalized). */
export interface Criterion {
  id: string;
  seed: "000" | "001" | "002" | "003" | "004";
  /** Where in the article the criterion sits. */
  section: string;
  quote: string;
}

const criterion = (id: string, seed: Criterion["seed"], section: string, quote: string): Criterion => ({
  id,
  seed,
  section,
  quote,
});

export const CRITERIA = {
  careerGuidance: criterion(
    "003.mentoring.career",
    "003",
    "Use mentoring when",
    "You're looking for career guidance or long-term personal growth.",
  ),
  beenThere: criterion(
    "003.mentoring.been_there",
    "003",
    "Use mentoring when",
    "You want to learn from someone who’s “been there before.”",
  ),
  identity: criterion(
    "003.mentoring.identity",
    "003",
    "Use mentoring when",
    "You're exploring your identity, goals, or values.",
  ),
  performanceGoals: criterion(
    "003.coaching.goals",
    "003",
    "Use coaching when",
    "You have specific performance goals or skill gaps to address.",
  ),
  quickAndMeasurable: criterion(
    "003.coaching.measurable",
    "003",
    "Use coaching when",
    "You want to improve quickly and measurably in a focused area.",
  ),
  transition: criterion(
    "003.coaching.transition",
    "003",
    "Use coaching when",
    "You're navigating a challenging project or leadership transition.",
  ),
  complement: criterion(
    "003.complement",
    "003",
    "When to choose mentoring or coaching",
    "Both approaches are valuable and can even complement each other.",
  ),
  mandatoryProgram: criterion(
    "000.mandatory",
    "000",
    "Mentoring and training",
    "Unlike training, which is done by a supervisor or trainer as part of a mandatory skills education program, mentoring is a relationship between two people in the same profession",
  ),
  duration: criterion(
    "000.duration",
    "000",
    "Duration",
    "A mentoring relationship may last months or even years, but a training session typically lasts no longer than a few weeks.",
  ),
  advice: criterion(
    "000.advice",
    "000",
    "The role of advice",
    "Mentors provide career advice; trainers provide job advice.",
  ),
  personal: criterion(
    "000.relationship",
    "000",
    "The nature of the relationship",
    "A mentor-mentee relationship is personal, confidential and friendly; a trainer-trainee relationship is impersonal, social and hierarchical.",
  ),
  motivation: criterion(
    "000.motivation",
    "000",
    "Motivation",
    "Motivation is a major objective in mentoring. This is not necessarily the case in training.",
  ),
  knowHow: criterion(
    "000.benefits",
    "000",
    "Benefits",
    "the mentee gets invaluable advice and a go-to person with whom to discuss challenges and setbacks. Training generally provides a simpler kind of support; the trainer gets the pleasure of teaching and instructing, and the trainee gets practical know-how.",
  ),
  structuredCourses: criterion(
    "001.role",
    "001",
    "1. Role and Focus",
    "Trainers use structured programs or courses to help individuals acquire new skills, such as technical abilities or process-specific knowledge.",
  ),
  trainerTimeframe: criterion(
    "001.timeframe.trainer",
    "001",
    "2. Timeframe and Duration",
    "A trainer usually works with individuals or groups in a short-term capacity, often with a defined start and end date.",
  ),
  mentorTimeframe: criterion(
    "001.timeframe.mentor",
    "001",
    "2. Timeframe and Duration",
    "The relationship with a mentor is typically long-term, often lasting for months or even years.",
  ),
  formalMethod: criterion(
    "001.methodology",
    "001",
    "3. Methodology",
    "Training is typically formal, with a defined curriculum, structured sessions, and measurable outcomes.",
  ),
  trust: criterion(
    "001.relationship",
    "001",
    "4. Relationship Dynamics",
    "The relationship between a mentor and mentee is generally based on trust, respect, and mutual understanding.",
  ),
  certification: criterion(
    "001.outcomes",
    "001",
    "5. Goals and Outcomes",
    "Trainers focus on delivering specific outcomes such as skill acquisition, process understanding, or certification.",
  ),
  managingTransitions: criterion(
    "001.support",
    "001",
    "6. Support and Interaction",
    "Mentors also help with navigating career choices, overcoming obstacles, and managing transitions.",
  ),
  bothCritical: criterion(
    "001.summary",
    "001",
    "Summary",
    "Both mentors and trainers are critical to personal and professional growth, but their roles, approaches, and goals differ significantly.",
  ),
  shorterTerm: criterion(
    "002.focus",
    "002",
    "Focus",
    "The focus of coaching is mainly concerned with developing skills and strategies to achieve shorter-term performance objectives.",
  ),
  continuousGrowth: criterion(
    "002.growth",
    "002",
    "Focus",
    "mentoring focuses on personal growth and the continuous improvement of an individual's capability and potential.",
  ),
  assigned: criterion(
    "002.assigned",
    "002",
    "Who chooses",
    "In a coaching relationship, the coachee is usually assigned to the coach, who assumes the responsibility for improving performance.",
  ),
  chooses: criterion(
    "002.chooses",
    "002",
    "Who chooses",
    "In mentoring, the mentee often chooses the mentor.",
  ),
  safePlace: criterion(
    "002.safe",
    "002",
    "Who chooses",
    "the mentor creates a safe environment where the mentee is able to talk freely and confidentially.",
  ),
  rewards: criterion(
    "002.rewards",
    "002",
    "Rewards",
    "A coach's rewards are usually the form of value from the coachee's improved job performance.",
  ),
  reciprocal: criterion(
    "002.reciprocal",
    "002",
    "Rewards",
    "Mentoring is a more reciprocal relationship. Both the mentor and mentee learn from each other and grow professionally.",
  ),
  specificObjectives: criterion(
    "002.area.coaching",
    "002",
    "Area of Activity",
    "Organizations use coaching when employees need help to achieve specific objectives or perform given tasks.",
  ),
  managerialTalent: criterion(
    "002.area.mentoring",
    "002",
    "Area of Activity",
    "Organizations use mentoring for broader purposes, such as developing managerial talent, or succession planning.",
  ),
  network: criterion(
    "002.network",
    "002",
    "Area of Activity",
    "Mentors don't direct mentees, but rather they provide opportunities for them by showing them how to operate within an organization's business hierarchy, or helping them network with important business contacts.",
  ),
  roi: criterion(
    "004.roi",
    "004",
    "Complementary",
    "they can be implemented together in targeted programs and organizational initiatives. As such, they are complementary and can enhance the ROI of an organization.",
  ),
} as const satisfies Record<string, Criterion>;
