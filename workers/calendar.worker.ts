// Worker: the calendar of slots for an academic year, progress per month.
import { yearCalendar } from './calendar';
import { defineTask } from './runtime';

export default defineTask('calendar', (input, ctx) => yearCalendar(input, (p) => ctx.progress(p)));
