export { planEdit } from './planner';
export { EditError, formatPath, type EditIntent, type EditPlan } from './plan';
